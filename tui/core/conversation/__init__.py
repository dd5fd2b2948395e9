"""One conversation as it happens: moves through the phases, notes, copies, answers, and the
recorder that hands every change to the archive before the next key is read."""
