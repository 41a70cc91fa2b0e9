"""The beach and its losses: scenarios (the sand, the watermelon, the start), the built-in losses,
the beaches with character, and safe custom loss expressions."""
