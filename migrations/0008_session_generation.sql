-- Web sessions (issue 21): each user's session generation. A session cookie carries the
-- generation it began in; logout advances it, so every cookie issued before (a copied one
-- too) stops working at once.
ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;
