-- Bulk data for the admin list benchmark. Run on a migrated database:
--   sqlite3 bench.db -cmd ".parameter set @users 100000" -cmd ".parameter set @posts 1000000" < seed.sql
-- Dates use EF Core's SQLite text format ('yyyy-MM-dd HH:mm:ss'), so they sort and compare as the app's own.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;

-- Emails start with a hash of the number, so email order is unrelated to id order (deterministic: the same data every run).
-- Every 50th user is inactive, every 1000th is staff.
-- Join times step 10 minutes with pairs sharing a time, so the id has to break ties.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @users)
INSERT INTO Users (FirstName, LastName, Gender, IsActive, IsStaff, IsSuperuser, DateJoined, UserName, NormalizedUserName,
                   Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp,
                   PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
SELECT 'First' || i, 'Last' || (i % 997), CASE i % 3 WHEN 0 THEN '' WHEN 1 THEN 'male' ELSE 'female' END,
       i % 50 <> 0, i % 1000 = 0, 0, strftime('%Y-%m-%d %H:%M:%S', 1577836800 + (i / 2) * 600, 'unixepoch'),
       e, upper(e), e, upper(e), 0, NULL, lower(hex(randomblob(16))), lower(hex(randomblob(16))), 0, 0, 1, 0
FROM (SELECT i, printf('%06x', (i * 2654435761) % 16777216) || '.user' || i || '@example.com' AS e FROM n);

-- Posts by scattered authors (every 100th with none, as after a deleted user), about 250 characters of content each.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @posts)
INSERT INTO Posts (Title, Content, AuthorId, CreatedAt, UpdatedAt)
SELECT 'Post number ' || i, 'Content of post ' || i || '. ' || substr(replace(hex(zeroblob(20)), '00', 'Lorem ipsum dolor sit amet. '), 1, 230),
       CASE WHEN i % 100 = 0 THEN NULL ELSE (SELECT MIN(Id) FROM Users) + (i * 7919) % @users END,
       strftime('%Y-%m-%d %H:%M:%S', 1577836800 + i * 60, 'unixepoch'),
       strftime('%Y-%m-%d %H:%M:%S', 1577836800 + i * 60, 'unixepoch')
FROM n;

COMMIT;
PRAGMA journal_mode = DELETE;
