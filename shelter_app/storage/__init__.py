"""Qt-free storage: the encrypted database, its keys and the data folder."""
