-- A person's e-mail address: how Tandem reaches someone with no chat account (a university coordinator
-- outside the host company's workspace) and how the portal knows them. Where a person with both a chat
-- id and an address wants their digests: 'chat' (the default) or 'email' (`my digests email`).
ALTER TABLE people ADD COLUMN email TEXT;
ALTER TABLE people ADD COLUMN digests_to TEXT NOT NULL DEFAULT 'chat' CHECK (digests_to IN ('chat', 'email'));
CREATE INDEX people_email ON people (email);
