using EmanciPay.Application.Features.Connect;

namespace EmanciPay.IntegrationTests.Features.Connect;

/// <summary>What Stripe requires, in the words a station manager reads.</summary>
public sealed class ConnectRequirementsTests
{
    [Fact]
    public void Related_fields_become_one_line_known_ones_plain_words_and_unknown_ones_humanised()
    {
        var lines = ConnectRequirements.Describe(["individual.address.city", "individual.address.line1", "external_account", "tos_acceptance.date", "tos_acceptance.ip", "company.structure"]);

        Assert.Equal(
            ["The representative's home address", "A bank account to receive payouts", "Acceptance of Stripe's Connected Account Agreement", "Company structure"],
            lines);
    }

    [Theory]
    [InlineData("requirements.past_due", "Stripe needs more information before it can pay this station out.")]
    [InlineData("rejected.fraud", "Stripe has rejected this account because of suspected fraud.")]
    [InlineData("some_new.reason", "Stripe has disabled payouts (Some new reason).")]
    public void A_disabled_reason_becomes_a_sentence(string code, string sentence) =>
        Assert.Equal(sentence, ConnectRequirements.DescribeDisabledReason(code));

    [Fact]
    public void Nothing_disables_an_account_without_a_reason() => Assert.Null(ConnectRequirements.DescribeDisabledReason(null));
}
