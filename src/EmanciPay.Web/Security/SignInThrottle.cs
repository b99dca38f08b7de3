using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace EmanciPay.Web.Security;

/// <summary>
/// Slows password guessing without locking anyone out. Failed sign-ins are counted per account and client address
/// (one guesser is stopped early, and only that guesser) and per account from everywhere (a generous ceiling that a
/// spread-out attack has to share). Both are sliding windows, so old failures stop counting bit by bit: at worst the
/// owner waits the Retry-After, never a lock that anyone could set off by typing a wrong password. The account is whatever was typed,
/// hashed: an unknown address is throttled exactly like a real one, so a 429 tells nothing about who is registered.
/// Every sign-in POST is also limited per client address by the "sign-in" rate limit policy.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string Section = "RateLimits";

    private const int Segments = 5;

    private readonly Window perAccountAndClient;
    private readonly Window perAccount;

    public SignInThrottle(IConfiguration configuration)
    {
        perAccountAndClient = new Window(
            Math.Max(1, configuration.GetValue($"{Section}:FailedSignInsPerAccountAndClient", 5)),
            TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue($"{Section}:FailedSignInsPerAccountAndClientMinutes", 15))));
        perAccount = new Window(Math.Max(1, configuration.GetValue($"{Section}:FailedSignInsPerAccountPerMinute", 20)), TimeSpan.FromMinutes(1));
    }

    /// <summary>How long to wait before trying this account again from this client, or null when a try is allowed now.</summary>
    public TimeSpan? RetryAfter(string account, HttpContext context)
    {
        foreach (var (window, key) in Keys(account, context))
        {
            // Asking for no permit tells whether any is left, without using one.
            using var lease = window.Limiter.AttemptAcquire(key, 0);
            if (!lease.IsAcquired)
            {
                // A sliding window frees what its oldest segment held when that segment leaves it.
                return window.Length / Segments;
            }
        }

        return null;
    }

    public void Failed(string account, HttpContext context)
    {
        foreach (var (window, key) in Keys(account, context))
        {
            window.Limiter.AttemptAcquire(key).Dispose();
        }
    }

    /// <summary>Answers a throttled request: 429 with Retry-After, and a sentence to show.</summary>
    public static string Refuse(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return seconds < 90
            ? $"Too many attempts. Wait {seconds} seconds, then try again."
            : $"Too many attempts. Wait {Math.Ceiling(seconds / 60.0)} minutes, then try again.";
    }

    public void Dispose()
    {
        perAccountAndClient.Dispose();
        perAccount.Dispose();
    }

    private (Window Window, string Key)[] Keys(string account, HttpContext context)
    {
        // Hashed so that a megabyte typed as an email costs a megabyte once, not a megabyte kept as a key.
        var accountKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account.Trim().ToUpperInvariant())));
        return [(perAccountAndClient, $"{accountKey} {ClientAddress.Key(context)}"), (perAccount, accountKey)];
    }

    // A partition is dropped once its window holds no failure any more, so keys do not pile up.
    private sealed class Window(int failures, TimeSpan length) : IDisposable
    {
        public TimeSpan Length { get; } = length;

        public PartitionedRateLimiter<string> Limiter { get; } = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = failures,
                Window = length,
                SegmentsPerWindow = Segments,
                QueueLimit = 0,
            }));

        public void Dispose() => Limiter.Dispose();
    }
}
