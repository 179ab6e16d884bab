"""The community memory archive: contributions from the public, moderation and description in Dublin Core,
special collections, preservation of the originals (fixity, BagIt) and an OAI-PMH data provider."""
