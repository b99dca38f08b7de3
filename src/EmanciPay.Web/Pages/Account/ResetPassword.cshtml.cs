using System.ComponentModel.DataAnnotations;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EmanciPay.Web.Pages.Account;

/// <summary>Chooses a new password from the mailed link. An unknown address and a bad link get the same answer.</summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
public sealed class ResetPasswordModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet(string? email, string? code)
    {
        Input = new InputModel { Email = email ?? "", Code = code ?? "" };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.FindByEmailAsync(Input.Email) is { } user && TryDecode(Input.Code) is { } token
            ? await users.ResetPasswordAsync(user, token, Input.Password)
            : IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(
                    error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? string.Empty : $"{nameof(Input)}.{nameof(InputModel.Password)}",
                    error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? "This link is not valid: it may have expired or been used already. Ask for a new one." : error.Description);
            }

            return Page();
        }

        Done = true;
        return Page();
    }

    private static string? TryDecode(string code)
    {
        try
        {
            return AccountMail.Decode(code);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public sealed class InputModel
    {
        [Required]
        [EmailAddress]
        [StringLength(256)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "This link is not complete: open the link from the mail again.")]
        [StringLength(2000)]
        public string Code { get; set; } = "";

        [Required]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Choose a password of at least 12 characters: a few words make a good one.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }
}
