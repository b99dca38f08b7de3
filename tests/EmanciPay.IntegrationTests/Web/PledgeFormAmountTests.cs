using AngleSharp.Html.Parser;
using EmanciPay.Domain.Pledges;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EmanciPay.IntegrationTests.Web;

/// <summary>The station page's "other amount" box reads an amount one way only, or refuses it and says so.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PledgeFormAmountTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData("1,250.00", "$1,250.00")]
    [InlineData("1250", "$1,250.00")]
    [InlineData("12.5", "$12.50")]
    [InlineData("$7", "$7.00")]
    public async Task An_amount_typed_in_dollars_is_quoted_as_typed(string typed, string quoted)
    {
        var review = await ReviewAsync(typed);

        Assert.Equal(quoted, review.QuerySelector("#quote-charged")?.TextContent);
        Assert.Equal(0, await new PledgeKit(App).CountAsync<Pledge>());
    }

    [Theory]
    [InlineData("12,50")] // a decimal comma, once read as 1,250.00
    [InlineData("12.505")]
    [InlineData("1.250,00")]
    [InlineData("EUR 12")]
    public async Task An_amount_that_could_be_read_two_ways_is_refused_with_a_message(string typed)
    {
        var review = await ReviewAsync(typed);

        Assert.Null(review.QuerySelector("#quote-charged"));
        Assert.Contains("Enter an amount in dollars, like 12 or 12.50.", review.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await new PledgeKit(App).CountAsync<Pledge>());
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ReviewAsync(string otherAmount)
    {
        await new PledgeKit(App).AddStationAsync();
        using var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await Accounts.PostFormAsync(client, "/stations/kexp-fm?handler=Review", new()
        {
            ["Form.Choice"] = "other",
            ["Form.OtherAmount"] = otherAmount,
            ["Form.Monthly"] = "false",
            ["Form.Email"] = "listener@example.test",
            ["Form.IdempotencyKey"] = Guid.NewGuid().ToString("N"),
        }, formUrl: "/stations/kexp-fm");
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}
