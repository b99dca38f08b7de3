using System.Net;
using System.Net.Http.Headers;
using EmanciPay.Application.Payments;
using EmanciPay.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmanciPay.IntegrationTests.Features.Payments;

/// <summary>Stripe's events are a few kilobytes: a larger body is refused with 413 before it is read into memory.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StripeWebhookBodyLimitTests(PostgresFixture fixture) : IntegrationTest(fixture)
{
    private readonly PledgeKit kit = new(fixture);

    private int Limit => App.Factory.Services.GetRequiredService<IOptions<StripeEventOptions>>().Value.WebhookMaxBodyBytes;

    [Fact]
    public async Task A_body_whose_length_is_over_the_limit_is_refused_unread()
    {
        var body = new GeneratedBody(Limit * 4L);
        using var content = new StreamContent(body);
        content.Headers.ContentLength = body.Length;

        var response = await PostAsync(content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.Served < Limit, $"{body.Served} bytes of a body declared too large were read.");
        Assert.Equal(0, await kit.CountAsync<StripeEvent>());
    }

    [Fact]
    public async Task A_chunked_body_is_refused_as_soon_as_it_passes_the_limit()
    {
        var body = new GeneratedBody(Limit * 16L);
        using var content = new StreamContent(body);
        var declaredLength = content.Headers.ContentLength;

        var response = await PostAsync(content);

        Assert.Null(declaredLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.Served < Limit * 2L, $"{body.Served} bytes of a chunked body were read.");
        Assert.Equal(0, await kit.CountAsync<StripeEvent>());
    }

    [Fact]
    public async Task The_limit_is_a_setting()
    {
        await using var strict = App.Factory.WithWebHostBuilder(builder => builder.UseSetting("Stripe:WebhookMaxBodyBytes", "1024"));
        using var client = strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var small = new StringContent(new string(' ', 1000));
        using var large = new StringContent(new string(' ', 1100));

        var smallResponse = await client.PostAsync("/webhooks/stripe", small);
        var largeResponse = await client.PostAsync("/webhooks/stripe", large);

        // Within the limit the body is read, and then refused for its missing signature.
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge), (smallResponse.StatusCode, largeResponse.StatusCode));
    }

    private async Task<HttpResponseMessage> PostAsync(HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = content };
        request.Headers.Add("Stripe-Signature", "t=1,v1=00");
        return await kit.Client.SendAsync(request);
    }

    /// <summary>A body of spaces made as it is read, counting how much was asked for; it cannot seek, so without a length it is sent chunked.</summary>
    private sealed class GeneratedBody(long length) : Stream
    {
        private long served;

        public long Served => Interlocked.Read(ref served);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - Served);
            buffer[..count].Fill((byte)' ');
            Interlocked.Add(ref served, count);
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
