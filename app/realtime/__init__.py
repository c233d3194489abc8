"""Live training sessions over Socket.IO: protocol, sessions, runner loop, event handlers."""
