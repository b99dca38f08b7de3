using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>
/// Identity's user manager, with two changes that keep hostile input and concurrent requests from becoming 500s:
/// a look-up by an id, name or address containing a control character finds nobody (no account can have one, and
/// PostgreSQL refuses a NUL in a query); and every new account gets its authenticator key when it is created, so
/// reading the two-factor setup (the page, or Identity's /manage/2fa) never writes, and two such reads at once cannot
/// both insert the key.
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

    private static bool HasControlCharacters(string? value) => value is not null && value.Any(char.IsControl);
}
