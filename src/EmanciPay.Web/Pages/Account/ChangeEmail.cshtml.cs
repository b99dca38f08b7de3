using System.ComponentModel.DataAnnotations;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EmanciPay.Web.Pages.Account;

/// <summary>
/// A signed-in user asks to move their account to another address, proving their password. Nothing changes until the
/// link mailed to the new address is opened. An address that another account uses gets the same answer and no mail.
/// </summary>
[Authorize]
[EnableRateLimiting(WebSetup.SignInRateLimit)]
public sealed class ChangeEmailModel(UserManager<AppUser> users, AccountMail mail) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? "";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Password)}", "That is not your current password.");
            return Page();
        }

        if (string.Equals(users.NormalizeEmail(Input.NewEmail), user.NormalizedEmail, StringComparison.Ordinal))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.NewEmail)}", "That is already your address.");
            return Page();
        }

        if (await users.FindByEmailAsync(Input.NewEmail) is null)
        {
            await mail.SendEmailChangeAsync(user, Input.NewEmail);
        }

        Sent = true;
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your new email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address, like name@example.org.")]
        [MailAddress]
        [StringLength(256)]
        public string NewEmail { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(1000)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
