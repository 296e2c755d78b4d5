"""The partnerships' services: changes of state with audit and mail."""
