"""What a class plays with: sessions, who watches and steers them, rooms, points and files."""
