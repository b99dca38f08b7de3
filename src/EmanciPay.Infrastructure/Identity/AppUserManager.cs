using EmanciPay.Application.Features.Pledges;
using EmanciPay.Infrastructure.Jobs;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>
/// Identity's user manager, with three changes:
/// <list type="bullet">
/// <item>a look-up by an id, name or address containing a control character finds nobody (no account can have one, and
/// PostgreSQL refuses a NUL in a query);</item>
/// <item>every new account gets its authenticator key when it is created, so reading the two-factor setup (the page, or
/// Identity's /manage/2fa) never writes, and two such reads at once cannot both insert the key;</item>
/// <item>a guest's pledges are linked to the account once it proves it owns their email: by the confirmation link (site
/// or API) or by confirming a change to that address.</item>
/// </list>
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(AppUser user)
    {
        var created = await base.CreateAsync(user);
        return created.Succeeded ? await ResetAuthenticatorKeyAsync(user) : created;
    }

    public override Task<AppUser?> FindByIdAsync(string userId) =>
        HasControlCharacters(userId) ? Task.FromResult<AppUser?>(null) : base.FindByIdAsync(userId);

    public override Task<AppUser?> FindByNameAsync(string userName) =>
        HasControlCharacters(userName) ? Task.FromResult<AppUser?>(null) : base.FindByNameAsync(userName);

    public override Task<AppUser?> FindByEmailAsync(string email) =>
        HasControlCharacters(email) ? Task.FromResult<AppUser?>(null) : base.FindByEmailAsync(email);

    public override async Task<IdentityResult> ConfirmEmailAsync(AppUser user, string token)
    {
        var result = await base.ConfirmEmailAsync(user, token);
        if (result.Succeeded)
        {
            await LinkGuestPledgesAsync(user);
        }

        return result;
    }

    public override async Task<IdentityResult> ChangeEmailAsync(AppUser user, string newEmail, string token)
    {
        var result = await base.ChangeEmailAsync(user, newEmail, token);
        if (result.Succeeded)
        {
            await LinkGuestPledgesAsync(user);
        }

        return result;
    }

    private static bool HasControlCharacters(string? value) => value is not null && value.Any(char.IsControl);

    /// <summary>As the system: the listener proving the address may not be signed in yet.</summary>
    private async Task LinkGuestPledgesAsync(AppUser user)
    {
        await using var scope = ServiceProvider.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new LinkGuestPledges.Command(user.Id, user.Email!), CancellationToken);
    }
}
