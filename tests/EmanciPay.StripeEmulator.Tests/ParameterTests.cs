using System.Net;
using System.Text;
using Stripe;
using Stripe.Checkout;

namespace EmanciPay.StripeEmulator.Tests;

/// <summary>Parameters checked as Stripe checks them, and hostile input answered with a Stripe error, never a 500.</summary>
public sealed class ParameterTests : IAsyncLifetime
{
    private readonly EmulatorHost host = new();

    public Task InitializeAsync() => host.InitializeAsync();

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Missing_or_invalid_parameters_are_stripe_invalid_request_errors()
    {
        var noItems = await Assert.ThrowsAsync<StripeException>(() => new SessionService(host.Stripe).CreateAsync(new SessionCreateOptions { Mode = "payment", SuccessUrl = "https://app.example/ok" }));
        var tooSmall = await Assert.ThrowsAsync<StripeException>(() => host.CreateSessionAsync(10));
        var unknown = await Assert.ThrowsAsync<StripeException>(() => new PaymentIntentService(host.Stripe).GetAsync("pi_nope"));

        Assert.Equal(("invalid_request_error", "line_items"), (noItems.StripeError.Type, noItems.StripeError.Param));
        Assert.Equal(HttpStatusCode.BadRequest, tooSmall.HttpStatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (unknown.HttpStatusCode, unknown.StripeError.Code));
    }

    [Theory]
    [InlineData("POST", "customers", "email=a%40example.test&colour=red", "colour")]
    [InlineData("POST", "checkout/sessions", "mode=payment&line_items[0][price_data][unit_amount]=100&line_items[0][price_data][colour]=red", "line_items[0][price_data][colour]")]
    [InlineData("POST", "refunds", "charge=ch_1&payment_intent_data[metadata][a]=b", "payment_intent_data")]
    [InlineData("GET", "balance_transactions?limit=3&sort=asc", null, "sort")]
    [InlineData("GET", "payment_intents/pi_1?expand[0]=latest_charge&include=all", null, "include")]
    public async Task An_unknown_parameter_is_refused_with_parameter_unknown_naming_it(string method, string path, string? form, string param)
    {
        var content = form is null ? null : new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");

        var (status, body) = await host.SendAsync(new HttpMethod(method), path, content);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid_request_error", "parameter_unknown", param), ((string?)body["error"]!["type"], (string?)body["error"]!["code"], (string?)body["error"]!["param"]));
    }

    [Fact]
    public async Task Metadata_takes_any_keys_and_a_hash_where_a_string_belongs_is_refused()
    {
        var customer = await new CustomerService(host.Stripe).CreateAsync(new CustomerCreateOptions { Metadata = new Dictionary<string, string> { ["anything"] = "goes", ["pledge_id"] = "p-1" } });
        var (status, body) = await host.SendAsync(HttpMethod.Post, "customers", Form("email[first]=a"));

        Assert.Equal("goes", customer.Metadata["anything"]);
        Assert.Equal((HttpStatusCode.BadRequest, "email"), (status, (string?)body["error"]!["param"]));
    }

    // ASP.NET's form reader refuses a NUL itself, before the fields are known: then the error names no parameter.
    [Theory]
    [InlineData("email=a%00b%40example.test", null)]
    [InlineData("metadata[pledge%00id]=1", null)]
    [InlineData("name=bell%07", "name")]
    [InlineData("metadata[note]=line%0Abreak%01", "metadata[note]")]
    [InlineData("metadata[pledge%1Bid]=1", "metadata[pledge\u001bid]")]
    public async Task A_control_character_in_a_field_is_a_400_stripe_error(string form, string? param)
    {
        var (status, body) = await host.SendAsync(HttpMethod.Post, "customers", Form(form));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("invalid_request_error", "parameter_invalid", param), ((string?)body["error"]!["type"], (string?)body["error"]!["code"], (string?)body["error"]!["param"]));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(9)]
    public async Task Deeply_nested_bracket_keys_are_a_400_stripe_error(int depth)
    {
        var key = "metadata" + string.Concat(Enumerable.Repeat("[a]", depth));

        var (status, body) = await host.SendAsync(HttpMethod.Post, "customers", Form($"{Uri.EscapeDataString(key)}=1"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("parameter_invalid", (string?)body["error"]!["code"]);
    }

    [Theory]
    [InlineData("line_items[99999999999999999999][quantity]=1")]
    [InlineData("line_items[5000000][quantity]=1")]
    [InlineData("mode=payment&mode[x]=1")]
    [InlineData("line_items[0][quantity]=1&line_items[a]=1")]
    [InlineData("expand=payment_intent")]
    public async Task Indexes_out_of_range_and_keys_that_contradict_each_other_are_400_stripe_errors(string form)
    {
        var (status, body) = await host.SendAsync(HttpMethod.Post, "checkout/sessions", Form(form));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
    }

    [Fact]
    public async Task Paying_without_a_form_or_with_a_control_character_is_a_400_stripe_error()
    {
        var session = await host.CreateSessionAsync(1000);
        var path = new Uri(session.Url).PathAndQuery;

        var empty = await host.Browser.PostAsync(path, null);
        var json = await host.Browser.PostAsync(path, new StringContent("{\"card_number\":\"4242424242424242\"}", Encoding.UTF8, "application/json"));
        var nul = await host.Browser.PostAsync(path, Form("card_number=4242424242424242&email=a%00@example.test"));
        var unknownSession = await host.Browser.PostAsync("/stripe/pay/cs_test_nope", Form("card_number=4242424242424242"));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound], new[] { empty.StatusCode, json.StatusCode, nul.StatusCode, unknownSession.StatusCode });
        foreach (var response in new[] { empty, json, nul, unknownSession })
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"invalid_request_error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("open", (await new SessionService(host.Stripe).GetAsync(session.Id)).Status);
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_and_an_unserved_path_is_a_stripe_404()
    {
        var stranger = new StripeClient("sk_test_wrong", httpClient: host.Stripe.HttpClient, apiBase: "http://localhost/stripe");

        var error = await Assert.ThrowsAsync<StripeException>(() => new SessionService(stranger).GetAsync("cs_test_x"));
        var (status, body) = await host.SendAsync(HttpMethod.Get, "invoices/in_1");

        Assert.Equal(HttpStatusCode.Unauthorized, error.HttpStatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "invalid_request_error"), (status, (string?)body["error"]!["type"]));
    }

    [Fact]
    public void Every_process_makes_up_its_own_keys()
    {
        var (first, second) = (new StripeEmulatorOptions(), new StripeEmulatorOptions());

        Assert.NotEqual(first.ApiKey, second.ApiKey);
        Assert.NotEqual(first.WebhookSigningSecret, second.WebhookSigningSecret);
        Assert.StartsWith("sk_test_", first.ApiKey, StringComparison.Ordinal);
        Assert.StartsWith("whsec_", first.WebhookSigningSecret, StringComparison.Ordinal);
    }

    private static StringContent Form(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");
}
