using System.Security.Cryptography;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace EmanciPay.Web.Startup;

/// <summary>
/// Development's admin account: created once with a random password printed once (never a password in the
/// repository). That line scrolls away under the log, so every start says so while the password is still the generated
/// one, and names the command that sets a new one.
/// </summary>
public static partial class DevelopmentAdmin
{
    public const string Email = "admin@emancipay.local";

    public const string ResetCommand = "dotnet run --project src/EmanciPay.Web -- reset-admin-password";

    // The hash of the generated password, kept as an Identity token (which, unlike a claim, never goes into a cookie):
    // while the account's hash is still this one, nobody has chosen a password.
    private const string TokenProvider = "EmanciPay";
    private const string GeneratedPasswordToken = "GeneratedPasswordHash";

    public static async Task EnsureDevelopmentAdminAsync(this IServiceProvider services, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(Email) is not { } admin)
        {
            await CreateAsync(users);
        }
        else if (await users.GetAuthenticationTokenAsync(admin, TokenProvider, GeneratedPasswordToken) is { } generated && generated == admin.PasswordHash)
        {
            LogStillGenerated(logger, Email, ResetCommand);
        }
    }

    /// <summary>`-- reset-admin-password`: a new random password for the Development admin (created if missing), printed once.</summary>
    public static async Task ResetDevelopmentAdminPasswordAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(Email) is not { } admin)
        {
            await CreateAsync(users);
            return;
        }

        var password = NewPassword();
        Check(await users.RemovePasswordAsync(admin), "remove the old password");
        Check(await users.AddPasswordAsync(admin, password), "set the new password");
        // The listener has just been shown this one: no more reminders.
        Check(await users.RemoveAuthenticationTokenAsync(admin, TokenProvider, GeneratedPasswordToken), "forget the generated password");
        Console.WriteLine($"""

            Development admin password reset (shown once): {Email} / {password}

            """);
    }

    private static async Task CreateAsync(UserManager<AppUser> users)
    {
        var password = NewPassword();
        var admin = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true };
        Check(await users.CreateAsync(admin, password), "create the development admin");
        Check(await users.AddToRolesAsync(admin, [Roles.Admin, Roles.Finance]), "give the development admin its roles");
        Check(await users.SetAuthenticationTokenAsync(admin, TokenProvider, GeneratedPasswordToken, admin.PasswordHash), "remember the generated password");
        Console.WriteLine($"""

            Development admin created (shown once): {Email} / {password}
            Finance and admin pages (/hangfire) need two-factor sign-in: set it up at /account/two-factor, then sign in again.
            Lost it? {ResetCommand}

            """);
    }

    private static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    private static void Check(IdentityResult result, string step)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {step}: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The development admin {Email} still has its first, generated password. To set a new one and see it: {Command}")]
    private static partial void LogStillGenerated(ILogger logger, string email, string command);
}
