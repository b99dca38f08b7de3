using System.Diagnostics.CodeAnalysis;
using EmanciPay.Application.Common;
using MimeKit;

namespace EmanciPay.Infrastructure.Mail;

/// <summary>
/// Parses addresses as the mailer does, with MimeKit in strict mode, so an address accepted from a user is one the
/// mail can be addressed to. Only a bare address counts: a display name, a route or a group is refused.
/// </summary>
public sealed class MailAddresses : IMailAddresses
{
    public static ParserOptions Strict { get; } = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        Rfc2047ComplianceMode = RfcComplianceMode.Strict,
    };

    public bool CanSendTo(string? address) => TryParse(address, out _);

    /// <summary>The mailbox for <paramref name="address"/>, or a <see cref="MailRefusedException"/> saying why there is none.</summary>
    public static MailboxAddress Parse(string address) =>
        TryParse(address, out var mailbox) ? mailbox : throw new MailRefusedException($"The address '{address}' cannot be parsed.");

    private static bool TryParse(string? address, [NotNullWhen(true)] out MailboxAddress? mailbox)
    {
        mailbox = null;
        return !string.IsNullOrWhiteSpace(address)
            && !address.Any(char.IsControl)
            && MailboxAddress.TryParse(Strict, address, out mailbox)
            && string.IsNullOrEmpty(mailbox.Name)
            && mailbox.Route.Count == 0
            && string.Equals(mailbox.Address, address.Trim(), StringComparison.Ordinal);
    }
}
