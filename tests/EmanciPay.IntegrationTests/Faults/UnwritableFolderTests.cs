using System.Diagnostics;
using EmanciPay.IntegrationTests.Support;

namespace EmanciPay.IntegrationTests.Faults;

/// <summary>
/// The app started as a process with a folder it must write to that it cannot: it stops at once with one line naming
/// the folder and its setting, and a non-zero exit code. Tests run as root, which chmod does not stop, so the folders
/// are made unwritable otherwise: a regular file where the folder or one of its parents should be, and a folder under
/// /sys (sysfs, where not even root may make one).
/// </summary>
public sealed class UnwritableFolderTests
{
    [Fact]
    public async Task A_database_folder_under_a_file_stops_the_app_with_one_line_naming_it_and_its_setting()
    {
        var root = Directory.CreateTempSubdirectory("emancipay-unwritable-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "not-a-folder"), "");
        var folder = Path.Combine(root, "not-a-folder", "data");

        var (exitCode, output) = await StartAsync(new() { ["ConnectionStrings__EmanciPay"] = $"Data Source={folder}/emancipay.db" });

        Assert.NotEqual(0, exitCode);
        Assert.Equal($"Cannot write to {folder} (ConnectionStrings:EmanciPay): a part of the path is a file, or a folder that cannot be made", output);
    }

    [Fact]
    public async Task A_database_folder_that_is_a_file_stops_the_app_with_one_line_naming_it_and_its_setting()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("emancipay-unwritable-").FullName, "data");
        await File.WriteAllTextAsync(folder, "");

        var (exitCode, output) = await StartAsync(new() { ["ConnectionStrings__EmanciPay"] = $"Data Source={folder}/emancipay.db" });

        Assert.NotEqual(0, exitCode);
        Assert.Equal($"Cannot write to {folder} (ConnectionStrings:EmanciPay): it is a file, not a folder", output);
    }

    [Fact]
    public async Task A_mail_folder_nobody_may_write_stops_the_app_with_one_line_naming_it_and_its_setting()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("emancipay-unwritable-").FullName, "emancipay.db");

        var (exitCode, output) = await StartAsync(new()
        {
            ["ConnectionStrings__EmanciPay"] = $"Data Source={database}",
            ["Mail__Folder"] = "/sys/emancipay-mail",
        });

        Assert.NotEqual(0, exitCode);
        // "permission denied" where /sys is read-write to root, "read-only file system" in a container that mounts it read-only.
        Assert.Matches(@"^Cannot write to /sys/emancipay-mail \(Mail:Folder\): (permission denied|read-only file system)$", output);
    }

    /// <summary>Runs the built web app as its own process; returns its exit code and everything it printed, trimmed.</summary>
    private static async Task<(int ExitCode, string Output)> StartAsync(Dictionary<string, string> settings)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var web = Path.Combine(RepositoryPaths.Root, "src", "EmanciPay.Web", "bin", configuration, "net10.0", "EmanciPay.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", web])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Hangfire__RunServer"] = "false",
            },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not stop within a minute: it started despite the unwritable folder.");
        }

        return (process.ExitCode, (await output + await error).Trim());
    }
}
