namespace EmanciPay.IntegrationTests.Support;

public static class RepositoryPaths
{
    /// <summary>The repository's root: the folder above the test's output that holds EmanciPay.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string StationsCsv => Path.Combine(Root, "src", "EmanciPay.Web", "SeedData", "stations.csv");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EmanciPay.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("EmanciPay.sln not found above " + AppContext.BaseDirectory);
    }
}
