using System.ComponentModel.DataAnnotations;
using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EmanciPay.Web.Pages.Account;

/// <summary>A listener creates an account and confirms the email address before signing in.</summary>
[EnableRateLimiting(WebSetup.SignInRateLimit)]
public sealed class RegisterModel(UserManager<AppUser> users, AccountMail mail) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new AppUser { UserName = Input.Email, Email = Input.Email };
        var created = await users.CreateAsync(user, Input.Password);
        if (created.Succeeded)
        {
            await users.AddToRoleAsync(user, Roles.Listener);
            await mail.SendConfirmationAsync(user, ReturnUrl);
        }
        else if (created.Errors.All(e => e.Code is "DuplicateUserName" or "DuplicateEmail") && await users.FindByEmailAsync(Input.Email) is { } existing)
        {
            // The password was hashed and checked all the same (Identity does that before looking for duplicates), and a
            // mail goes out as for a new account: to the owner, with what helps them.
            await mail.AlreadyRegisteredAsync(existing);
        }
        else
        {
            // Identity's codes say which field each error is about: the address (also the user name), or else the password.
            foreach (var error in created.Errors)
            {
                var field = error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal)
                    ? nameof(InputModel.Email)
                    : nameof(InputModel.Password);
                ModelState.AddModelError($"{nameof(Input)}.{field}", error.Description);
            }

            return Page();
        }

        // The same answer whether or not the address already had an account, so the form does not reveal who is registered.
        return RedirectToPage("/Account/RegisterConfirmation");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password of at least 12 characters: a few words make a good one.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Choose a password of at least 12 characters: a few words make a good one.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        // Compare alone: an empty second password differs from the first, and [Required] would say so a second time.
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; set; }
    }
}
