"""Training behind Play: one runner loop over two backends (this process, worker processes)."""
