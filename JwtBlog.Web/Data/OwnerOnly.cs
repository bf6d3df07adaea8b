namespace JwtBlog.Web.Data;

// The database, the signing key and the Data Protection keys are readable by the app's own user only:
// folders are created 0700 and files 0600 (existing ones are left as the operator made them).
public static class OwnerOnly
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Every folder it creates on the way is owner-only too (Directory.CreateDirectory gives the mode to the last one only).
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        if (Path.GetDirectoryName(full) is { } parent)
        {
            CreateDirectory(parent);
        }

        Directory.CreateDirectory(full, FolderMode);
    }

    // True when it created the file. An empty file is a valid SQLite database; SQLite gives its -wal and -shm files
    // the database file's mode.
    public static bool CreateFileIfMissing(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using var created = new FileStream(path, options);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // It exists already (or another process created it first).
            return false;
        }
    }
}
