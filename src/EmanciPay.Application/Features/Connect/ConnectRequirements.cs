using System.Globalization;

namespace EmanciPay.Application.Features.Connect;

/// <summary>
/// Stripe's <c>requirements.currently_due</c> field names and <c>disabled_reason</c> codes in plain words for a station
/// manager. Related fields become one line (the six parts of an address are one address); a name or code not known
/// here is still shown, humanised ("company.tax_id" becomes "Company tax id"), never hidden.
/// </summary>
public static class ConnectRequirements
{
    // Longest prefix first wins; each names what the manager will be asked for on Stripe's page.
    private static readonly (string Prefix, string Words)[] Fields =
    [
        ("external_account", "A bank account to receive payouts"),
        ("tos_acceptance.", "Acceptance of Stripe's Connected Account Agreement"),
        ("business_type", "The type of organisation (non-profit, company or individual)"),
        ("business_profile.mcc", "What the organisation does (its industry)"),
        ("business_profile.url", "The organisation's website"),
        ("business_profile.", "The organisation's public profile"),
        ("individual.first_name", "The representative's name"),
        ("individual.last_name", "The representative's name"),
        ("individual.dob.", "The representative's date of birth"),
        ("individual.address.", "The representative's home address"),
        ("individual.email", "The representative's email address"),
        ("individual.phone", "The representative's phone number"),
        ("individual.ssn_last_4", "The last four digits of the representative's Social Security number"),
        ("individual.id_number", "The representative's full Social Security number"),
        ("individual.verification.", "An identity document for the representative"),
        ("representative.", "Details of the organisation's representative"),
        ("company.name", "The organisation's legal name"),
        ("company.tax_id", "The organisation's tax id (EIN)"),
        ("company.address.", "The organisation's address"),
        ("company.phone", "The organisation's phone number"),
        ("company.verification.", "A document verifying the organisation"),
        ("owners.", "Details of the organisation's owners"),
        ("directors.", "Details of the organisation's directors"),
        ("executives.", "Details of the organisation's executives"),
        ("settings.payments.statement_descriptor", "How payouts are labelled on statements"),
    ];

    private static readonly Dictionary<string, string> DisabledReasons = new(StringComparer.Ordinal)
    {
        ["requirements.past_due"] = "Stripe needs more information before it can pay this station out.",
        ["requirements.pending_verification"] = "Stripe is checking the information given; this usually takes a few minutes, sometimes a few days.",
        ["action_required.requested_capabilities"] = "Stripe needs the station to accept its requested capabilities before it can pay out.",
        ["under_review"] = "Stripe is reviewing this account.",
        ["listed"] = "Stripe is reviewing this account because it may appear on a prohibited list.",
        ["platform_paused"] = "EmanciPay has paused payouts to this account.",
        ["rejected.fraud"] = "Stripe has rejected this account because of suspected fraud.",
        ["rejected.incomplete_verification"] = "Stripe has rejected this account because its verification was not completed in time.",
        ["rejected.listed"] = "Stripe has rejected this account because it appears on a prohibited list.",
        ["rejected.terms_of_service"] = "Stripe has rejected this account for breaking its terms of service.",
        ["rejected.platform_fraud"] = "EmanciPay has rejected this account because of suspected fraud.",
        ["rejected.platform_terms_of_service"] = "EmanciPay has rejected this account for breaking its terms of service.",
        ["rejected.platform_other"] = "EmanciPay has rejected this account.",
        ["rejected.other"] = "Stripe has rejected this account.",
        ["other"] = "Stripe has disabled this account; contact EmanciPay for details.",
    };

    /// <summary>What Stripe still requires, one line per thing to provide, in Stripe's order.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<string> currentlyDue) =>
        currentlyDue.Select(Describe).Distinct(StringComparer.Ordinal).ToList();

    public static string Describe(string field) =>
        Fields.FirstOrDefault(f => f.Prefix.EndsWith('.') ? field.StartsWith(f.Prefix, StringComparison.Ordinal) : field == f.Prefix).Words ?? Humanise(field);

    /// <summary>Why the account cannot be paid out, in a sentence; null when nothing disables it.</summary>
    public static string? DescribeDisabledReason(string? reason) =>
        reason is null ? null : DisabledReasons.GetValueOrDefault(reason) ?? $"Stripe has disabled payouts ({Humanise(reason)}).";

    private static string Humanise(string code)
    {
        var words = code.Replace('.', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? code : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }
}
