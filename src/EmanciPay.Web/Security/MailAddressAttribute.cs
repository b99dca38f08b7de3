using System.ComponentModel.DataAnnotations;
using EmanciPay.Application.Common;

namespace EmanciPay.Web.Security;

/// <summary>
/// An address the mailer can send to, checked by the mailer's own parser (<see cref="IMailAddresses"/>): [EmailAddress]
/// takes any text with an @ in it, and a mail to such an address then fails while the page waits for it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MailAddressAttribute() : ValidationAttribute("Enter an email address we can send mail to, like name@example.org.")
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string { Length: > 0 } address || validationContext.GetRequiredService<IMailAddresses>().CanSendTo(address)
            ? ValidationResult.Success
            : new ValidationResult(ErrorMessageString, validationContext.MemberName is { } member ? [member] : null);
}
