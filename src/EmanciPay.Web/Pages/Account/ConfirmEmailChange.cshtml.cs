using EmanciPay.Infrastructure.Identity;
using EmanciPay.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EmanciPay.Web.Pages.Account;

/// <summary>The link mailed to a new address: it moves the account there, user name included (they are the same here).</summary>
public sealed class ConfirmEmailChangeModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code)
    {
        if (userId is null || email is null || code is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }

        string token;
        try
        {
            token = AccountMail.Decode(code);
        }
        catch (FormatException)
        {
            return;
        }

        Changed = (await users.ChangeEmailAsync(user, email, token)).Succeeded && (await users.SetUserNameAsync(user, email)).Succeeded;
        if (Changed && signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}
