"""Training code for Rampart's default severity classifier."""
