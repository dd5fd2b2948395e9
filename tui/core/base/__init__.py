"""The ground floor every part stands on: the app's words, paths, safe file reading, errors with
file:line, key names and the OS's signals. Imports no other part of the core."""
