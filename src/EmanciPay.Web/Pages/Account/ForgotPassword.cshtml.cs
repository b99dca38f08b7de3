using System.ComponentModel.DataAnnotations;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EmanciPay.Web.Pages.Account;

/// <summary>Asks for a password reset link. The answer is the same whether or not the address has an account.</summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, AccountMail mail) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Input.Email) is { } user)
        {
            // An account never confirmed cannot sign in yet: its owner needs the confirmation link, not a new password.
            await (user.EmailConfirmed ? mail.SendPasswordResetAsync(user) : mail.SendConfirmationAsync(user));
        }

        Sent = true;
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the email address of your account.")]
        [EmailAddress(ErrorMessage = "Enter an email address, like name@example.org.")]
        [StringLength(256)]
        public string Email { get; set; } = "";
    }
}
