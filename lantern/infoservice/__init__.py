"""Information service: an epidemic information hub, rumour checks, information-literacy guides,
ask-a-librarian across a network, and decision-support briefs."""
