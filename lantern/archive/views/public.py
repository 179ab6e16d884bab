"""Views of the archive: public."""
