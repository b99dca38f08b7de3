using EmanciPay.Domain.Terms;

namespace EmanciPay.Domain.Tests.Terms;

public sealed class SupporterDisplayTests
{
    private static readonly DateTimeOffset Now = new(2027, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SupporterDetails Details = new("Ada", "ada@example.test", "1 Main St");

    private static ListenerTerms Terms(DisplayChoice display, ContactChoice contact, bool noAsks = false, DateTimeOffset? at = null)
    {
        var terms = ListenerTerms.Choose("listener");
        terms.Set(display, contact, noSharing: true, noGifts: false, noAsksThisYear: noAsks, at ?? Now);
        return terms;
    }

    [Theory]
    [InlineData(ContactChoice.EmailOrPost, "Ada", "ada@example.test", "1 Main St")]
    [InlineData(ContactChoice.EmailOnly, "Ada", "ada@example.test", null)]
    [InlineData(ContactChoice.None, "Ada", null, null)]
    public void A_named_supporter_shows_only_the_details_their_contact_term_allows(ContactChoice contact, string? name, string? email, string? postal)
    {
        var view = SupporterDisplay.Resolve(Terms(DisplayChoice.ShowName, contact), false, Details, "hi", Now);

        Assert.Equal((false, name, email, postal, "hi", contact == ContactChoice.None), (view.Anonymous, view.Name, view.Email, view.PostalAddress, view.Message, view.NoContact));
    }

    [Theory]
    [InlineData(DisplayChoice.Anonymous, false)]
    [InlineData(DisplayChoice.ShowName, true)]
    public void Anonymous_terms_or_an_anonymous_pledge_show_nothing_whatever_the_contact_term(DisplayChoice display, bool pledgeAnonymous)
    {
        var view = SupporterDisplay.Resolve(Terms(display, ContactChoice.EmailOrPost), pledgeAnonymous, Details, "hi", Now);

        Assert.Equal((true, (string?)null, (string?)null, (string?)null, (string?)null), (view.Anonymous, view.Name, view.Email, view.PostalAddress, view.Message));
        Assert.True(view.NoSharing);
    }

    [Fact]
    public void Dont_ask_again_this_year_lapses_when_the_year_ends()
    {
        var terms = Terms(DisplayChoice.ShowName, ContactChoice.EmailOnly, noAsks: true);

        Assert.True(SupporterDisplay.Resolve(terms, false, Details, null, Now).NoAsksThisYear);
        Assert.False(SupporterDisplay.Resolve(terms, false, Details, null, new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero)).NoAsksThisYear);
    }

    [Fact]
    public void Every_term_of_the_roster_has_a_unique_id_and_each_choice_has_alternatives()
    {
        Assert.Equal(TermRoster.All.Count, TermRoster.All.Select(t => t.Id).Distinct().Count());
        Assert.Equal(2, TermRoster.All.Count(t => t.Choice == "display"));
        Assert.Equal(3, TermRoster.All.Count(t => t.Choice == "contact"));
        Assert.Equal("cc-display-name@1 cc-anonymous@1 cc-contact-email-post@1 cc-contact-email@1 cc-contact-none@1 cc-no-sharing@1 cc-no-gifts@1 cc-no-asks-this-year@1", TermsAgreement.TermsText(TermRoster.All));
    }
}
