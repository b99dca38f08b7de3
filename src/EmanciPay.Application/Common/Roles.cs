namespace EmanciPay.Application.Common;

public static class Roles
{
    public const string Listener = nameof(Listener);
    public const string StationManager = nameof(StationManager);
    public const string Finance = nameof(Finance);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } = [Listener, StationManager, Finance, Admin];
}
