using EmanciPay.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EmanciPay.Web.Security;

/// <summary>
/// Identity's sign-in, changed so that it tells nobody whether an account exists, and locks none.
/// An unknown address costs the same password hash as a known one (else the answer comes ~40 ms sooner); the password
/// is checked before the account's state, so "confirm your address first" or "locked" is said only to whoever knows
/// the password; and a wrong password never locks an account, which would let anyone lock anyone out:
/// <see cref="SignInThrottle"/> slows guessing instead. Used by the sign-in page and by /api/v1/identity/login alike.
/// </summary>
public sealed class NoEnumerationSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    // Hashed with the default options, like every stored password; only its cost matters, nobody can sign in with it.
    private static readonly Lazy<string> UnknownAccountHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
        }

        UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownAccountHash.Value, password);
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            return SignInResult.Failed;
        }

        return await PreSignInCheck(user) ?? SignInResult.Success;
    }
}
