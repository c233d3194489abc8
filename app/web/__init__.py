"""Plain HTTP: the page and the catalog."""
