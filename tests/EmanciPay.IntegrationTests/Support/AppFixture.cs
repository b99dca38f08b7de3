using System.Data.Common;
using EmanciPay.Application.Common;
using EmanciPay.Application.Payments;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.Web.Startup;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Microsoft.Extensions.Caching.Memory;
using Respawn;
using Respawn.Graph;

namespace EmanciPay.IntegrationTests.Support;

/// <summary>One running app over one real database, wiped by Respawn before each test.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    private Respawner? respawner;
    private EmanciPayFactory? factory;

    public EmanciPayFactory Factory => factory ?? throw new InvalidOperationException("The fixture has not started.");

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The app's clock; a fixture that moves time replaces it.</summary>
    protected virtual TimeProvider? Clock => null;

    /// <summary>Services of the app that a fixture adds or replaces.</summary>
    protected virtual Action<IServiceCollection>? TestServices => null;

    /// <summary>Settings of the app that a fixture changes.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    protected string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        factory = new EmanciPayFactory(Provider, ConnectionString, clock: Clock, settings: Settings, testServices: TestServices);
        _ = factory.Server;
        await factory.Services.MigrateDatabaseAsync();
        await using var connection = await OpenAsync();
        respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Provider == DatabaseProvider.PostgreSql ? DbAdapter.Postgres : DbAdapter.Sqlite,
            SchemasToExclude = Provider == DatabaseProvider.PostgreSql ? ["hangfire"] : [],
            // The roles are reference data that the migrations insert.
            TablesToIgnore = [new Table("__EFMigrationsHistory"), new Table("AspNetRoles")],
        });
    }

    public async Task ResetAsync()
    {
        // Let the last test's webhooks land and be processed before wiping, and start each test with no faults or delivery hooks.
        await StripeEventsProcessedAsync();
        Factory.Emulator.Faults.Clear();
        Factory.Emulator.Webhooks.Reset();
        await using var connection = await OpenAsync();
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Respawn's SQLite adapter deletes table by table without ordering by foreign keys.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = OFF";
            await pragma.ExecuteNonQueryAsync();
        }

        // The app's background workers (event processor, outbox dispatcher) keep polling these tables while they are
        // wiped, so the wipe can deadlock with one of them; PostgreSQL then aborts one side, and the wipe runs again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await respawner!.ResetAsync(connection);
                break;
            }
            catch (PostgresException deadlock) when (deadlock.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
            }
        }

        // What the app remembers of rows it read (stations by slug) goes with them: the next test lists its stations anew.
        ((MemoryCache)Factory.Services.GetRequiredService<IMemoryCache>()).Clear();
    }

    /// <summary>Waits until the emulator has delivered its webhooks and the app has processed every event that is due.</summary>
    public async Task StripeEventsProcessedAsync()
    {
        await Factory.Emulator.Webhooks.WhenIdleAsync(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await WithScopeAsync(sp =>
               {
                   var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
                   return sp.GetRequiredService<IAppDbContext>().StripeEvents.AnyAsync(e => e.Status == StripeEventStatus.Received && e.DueAt <= now);
               }))
        {
            Assert.True(DateTime.UtcNow < deadline, "The app did not process its Stripe events within 30 seconds.");
            await Task.Delay(20);
        }
    }

    /// <summary>Sends as <paramref name="sender"/>; by default as the system when the message allows it (as its job would), otherwise as staff.</summary>
    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, TestSender? sender = null) =>
        await AsAsync(sender ?? TestSender.AllowedFor(command), sp => sp.GetRequiredService<ISender>().Send(command).AsTask());

    /// <inheritdoc cref="SendAsync{TResponse}(ICommand{TResponse}, TestSender?)"/>
    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, TestSender? sender = null) =>
        await AsAsync(sender ?? TestSender.AllowedFor(query), sp => sp.GetRequiredService<ISender>().Send(query).AsTask());

    /// <summary>Runs in a scope of the sender: a system scope, or one whose request user is the sender, as in Web.</summary>
    public async Task<T> AsAsync<T>(TestSender sender, Func<IServiceProvider, Task<T>> action)
    {
        var scopes = Factory.Services.GetRequiredService<IServiceScopeFactory>();
        await using var scope = sender.User is null ? scopes.CreateSystemScope() : scopes.CreateAsyncScope();
        var http = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        if (sender.User is { } user)
        {
            http.HttpContext = new DefaultHttpContext { User = user, RequestServices = scope.ServiceProvider };
        }

        try
        {
            return await action(scope.ServiceProvider);
        }
        finally
        {
            http.HttpContext = null;
        }
    }

    /// <summary>A scope of the app's own, as a job or background worker has: the messages sent in it come from the system.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Factory.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();
        return await action(scope.ServiceProvider);
    }

    public async Task<DbConnection> OpenAsync()
    {
        // The test's own connections name themselves, so that a test counting the app's sessions does not count them.
        DbConnection connection = Provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = "emancipay-test-kit" }.ConnectionString)
            : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
    }

    protected abstract Task<string> CreateDatabaseAsync();
}

public sealed class PostgresFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => TestPostgres.CreateEmptyDatabaseAsync("emancipay_tests");
}

public sealed class SqliteFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        var directory = Directory.CreateTempSubdirectory("emancipay-sqlite-");
        return Task.FromResult($"Data Source={Path.Combine(directory.FullName, "emancipay.db")}");
    }
}

/// <summary>SQLite with a clock the tests move forward, for what happens a month later.</summary>
public sealed class SqliteWithClockFixture : AppFixture
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override TimeProvider? Clock => Time;

    protected override Task<string> CreateDatabaseAsync()
    {
        var directory = Directory.CreateTempSubdirectory("emancipay-sqlite-clock-");
        return Task.FromResult($"Data Source={Path.Combine(directory.FullName, "emancipay.db")}");
    }
}

/// <summary>PostgreSQL with a clock the tests move forward, for deadlines months away.</summary>
public sealed class PostgresWithClockFixture : AppFixture
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override TimeProvider? Clock => Time;

    protected override Task<string> CreateDatabaseAsync() => TestPostgres.CreateEmptyDatabaseAsync("emancipay_tests_clock");
}

[CollectionDefinition(Name)]
public sealed class PostgresWithClockCollection : ICollectionFixture<PostgresWithClockFixture>
{
    public const string Name = "PostgreSQL with a clock";
}

[CollectionDefinition(Name)]
public sealed class SqliteWithClockCollection : ICollectionFixture<SqliteWithClockFixture>
{
    public const string Name = "SQLite with a clock";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFixture>
{
    public const string Name = "SQLite";
}

/// <summary>Base for tests on a fixture's app: the database is wiped before each test.</summary>
public abstract class IntegrationTest(AppFixture fixture) : IAsyncLifetime
{
    protected AppFixture App { get; } = fixture;

    public Task InitializeAsync() => App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
