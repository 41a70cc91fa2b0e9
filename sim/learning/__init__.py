"""Learning real data: the article's two losses on a network's output, the handwritten digits, the
network that learns them, and the digits loss landscape the player can walk."""
