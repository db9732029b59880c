-- VPN (issue 5): every account's devices are routed into its own OpenVPN instance by the account's virtual pool,
-- so pools must not overlap. The portal chooses each new account's pool (the first free /16 of 100.64.0.0/10 by
-- default, or one a system administrator typed); the column keeps no default that every account would share.
-- Accounts made before keep theirs; at start, those without devices that overlap another get one of their own.
ALTER TABLE account ALTER COLUMN virtual_pool DROP DEFAULT;
