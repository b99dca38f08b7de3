using EmanciPay.Application.Common;
using EmanciPay.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace EmanciPay.Web.Security;

/// <summary>
/// Identity checks neither length nor control characters of an email or user name, and takes any text with an @ for an
/// address: the API registration stored a 10,006-character email. Refused here with Identity's own error shape, as
/// the columns allow 256, and an email must be one the mailer can send to (<see cref="IMailAddresses"/>, the
/// mailer's own parser), whichever way the account is made (the sign-up page, Identity's API, a change of address).
/// </summary>
internal sealed class AccountFieldsValidator(IMailAddresses addresses) : IUserValidator<AppUser>
{
    public const int MaxLength = 256;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user)
    {
        var errors = new List<IdentityError>();
        foreach (var (code, value) in new[] { ("InvalidEmail", user.Email), ("InvalidUserName", user.UserName) })
        {
            if (value is not null && (value.Length > MaxLength || value.Any(char.IsControl)))
            {
                errors.Add(new IdentityError { Code = code, Description = $"An email address or user name is at most {MaxLength} characters, with no control characters." });
            }
        }

        if (errors.Count == 0 && user.Email is not null && !addresses.CanSendTo(user.Email))
        {
            errors.Add(new IdentityError { Code = "InvalidEmail", Description = "That is not an email address we can send mail to." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
