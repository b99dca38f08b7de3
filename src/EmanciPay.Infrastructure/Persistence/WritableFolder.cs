using System.Runtime.InteropServices;

namespace EmanciPay.Infrastructure.Persistence;

/// <summary>The app cannot start in this environment; Program prints the message, one line, and exits with a non-zero code.</summary>
public sealed class CannotStartException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>
/// The folders the app writes to (the SQLite database's, the mail folder) are made and tried when it starts, so an
/// unwritable one stops it at once with a line naming the folder and its setting, not a stack trace at the first write.
/// </summary>
public static class WritableFolder
{
    /// <summary>Creates the folder, writes and deletes a file in it, and opens <paramref name="file"/> for writing if it exists.</summary>
    public static void Ensure(string folder, string setting, string? file = null)
    {
        var path = folder;
        try
        {
            Directory.CreateDirectory(folder);
            using (new FileStream(Path.Combine(folder, $".write-test-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            if (file is not null && File.Exists(file))
            {
                path = file;
                using var existing = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = path == folder && File.Exists(folder) ? "it is a file, not a folder" : Reason(e);
            throw new CannotStartException($"Cannot write to {path} ({setting}): {reason}", e);
        }
    }

    private static string Reason(Exception exception) => exception switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException or FileNotFoundException => "a part of the path is a file, or a folder that cannot be made",
        // On Linux and macOS an IOException carries the errno: "read-only file system", "no space left on device".
        IOException { HResult: > 0 } io => Marshal.GetPInvokeErrorMessage(io.HResult).ToLowerInvariant(),
        _ => exception.Message,
    };
}
