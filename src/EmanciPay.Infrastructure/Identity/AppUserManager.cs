using EmanciPay.Application.Features.Pledges;
using EmanciPay.Infrastructure.Jobs;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmanciPay.Infrastructure.Identity;

/// <summary>
/// Identity's user manager, which also links a guest's pledges to the account once it proves it owns their email:
/// by the confirmation link (site or API) or by confirming a change to that address.
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

    /// <summary>As the system: the listener proving the address may not be signed in yet.</summary>
    private async Task LinkGuestPledgesAsync(AppUser user)
    {
        await using var scope = ServiceProvider.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new LinkGuestPledges.Command(user.Id, user.Email!), CancellationToken);
    }
}
