using EmanciPay.Infrastructure.Persistence;
using Npgsql;

namespace EmanciPay.IntegrationTests.Persistence;

public sealed class AppDbContextOptionsTests
{
    [Theory]
    [InlineData("Host=db;Database=emancipay", true)]
    [InlineData("Host=db;Database=emancipay;No Reset On Close=false", false)]
    [InlineData("Host=db;Database=emancipay;NoResetOnClose=false", false)]
    [InlineData("Host=db;Database=emancipay;No Reset On Close=true", true)]
    public void PostgreSQL_connections_skip_the_reset_unless_the_connection_string_asks_for_it(string configured, bool skipsReset)
    {
        var tuned = new NpgsqlConnectionStringBuilder(AppDbContextOptions.TunePostgreSql(configured, TimeSpan.FromSeconds(5)));

        Assert.Equal(skipsReset, tuned.NoResetOnClose);
        Assert.Equal(("db", "emancipay"), (tuned.Host, tuned.Database));
    }

    [Theory]
    [InlineData("Host=db", "-c lock_timeout=5000")]
    [InlineData("Host=db;Options=-c search_path=app", "-c search_path=app -c lock_timeout=5000")]
    [InlineData("Host=db;Options=-c lock_timeout=100", "-c lock_timeout=100")]
    public void PostgreSQL_sessions_start_with_a_lock_timeout_unless_the_connection_string_sets_one(string configured, string options) =>
        Assert.Equal(options, new NpgsqlConnectionStringBuilder(AppDbContextOptions.TunePostgreSql(configured, TimeSpan.FromSeconds(5))).Options);
}
