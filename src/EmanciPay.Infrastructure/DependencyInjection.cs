using EmanciPay.Application.Common;
using EmanciPay.Application.Features.Portal;
using EmanciPay.Application.Features.Claims;
using EmanciPay.Application.Payments;
using EmanciPay.Infrastructure.Identity;
using EmanciPay.Infrastructure.Jobs;
using EmanciPay.Infrastructure.Mail;
using EmanciPay.Infrastructure.Payments;
using EmanciPay.Infrastructure.Persistence;
using EmanciPay.Infrastructure.Terms;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Stripe;

namespace EmanciPay.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = ConnectionString(configuration, database, environment);
        services.AddSingleton(database);
        services.AddSingleton<DiskFullWatch>();
        // Pooled: a request reuses a reset context instead of building one and its options each time.
        services.AddDbContextPool<AppDbContext>((sp, options) => options
            .UseProvider(database.Provider, connectionString)

            // Unique-key races are expected and retried by the transaction behaviour; what still fails is logged there.
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)))
            .AddInterceptors(sp.GetRequiredService<DiskFullWatch>())
            .AddSqliteWebServerSetup(database));
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IChangeLog, ChangeLog>();
        services.AddScoped<IUserAccounts, UserAccounts>();
        services.AddScoped<Application.Features.Record.IAccountErasure, AccountErasure>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton<SqliteWriterLock>();
        }
        services.AddSingleton<IDatabaseErrors, DatabaseErrors>();

        var keys = services.AddDataProtection().SetApplicationName("EmanciPay").PersistKeysToDbContext<AppDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            // The keys sign cookies and cancel links; in the shared database they are encrypted with this certificate.
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration["DataProtection:CertificatePassword"]));
        }

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<StripeEventsHealthCheck>("stripe-events", HealthStatus.Degraded, tags: ["ready"]);

        // Job storage follows the database (in memory for SQLite: the database stays the source of truth). Each app
        // gets its own storage instance rather than Hangfire's global one, so several hosts in a process stay apart.
        services.AddSingleton<JobStorage>(_ => database.Provider switch
        {
            DatabaseProvider.PostgreSql => PostgreSqlJobStorage(connectionString, configuration),
            DatabaseProvider.SqlServer => new SqlServerStorage(connectionString),
            _ => new InMemoryStorage(),
        });
        services.AddPerHostHangfireActivator();
        services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseHostLogging(sp.GetRequiredService<ILoggerFactory>()));
        services.AddOutbox(configuration);
        if (configuration.GetValue("Hangfire:RunServer", defaultValue: true))
        {
            services.AddHangfireServer(options => options.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", defaultValue: 2));
        }

        AddTermsSigner(services, configuration, environment);
        return services.AddPayments(configuration).AddMail(configuration, environment);
    }

    /// <summary>The key that signs stations' agreements to the listeners' terms: configured, or made once in the data folder.</summary>
    private static void AddTermsSigner(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) =>
        services.AddSingleton<ITermsSigner>(_ => new EcdsaTermsSigner(
            configuration["Terms:SigningKey"] is { Length: > 0 } pem ? pem : null,
            Path.Combine(environment.ContentRootPath, configuration["Terms:SigningKeyFile"] ?? Path.Combine("data", "terms-signing-key.pem"))));

    private static PostgreSqlStorage PostgreSqlJobStorage(string connectionString, IConfiguration configuration)
    {
        var options = new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(configuration.GetValue("Hangfire:QueuePollIntervalSeconds", 5)) };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var mail = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        services.AddSingleton(mail);
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<IMailAddresses, MailAddresses>();
        if (string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            var folder = Path.GetFullPath(mail.Folder, environment.ContentRootPath);
            WritableFolder.Ensure(folder, $"{MailOptions.Section}:{nameof(MailOptions.Folder)}");
            services.AddSingleton(sp => new MailFolder(folder, sp.GetRequiredService<MailRenderer>(), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IMailer>(sp => sp.GetRequiredService<MailFolder>());
        }
        else
        {
            services.AddSingleton<IMailer, SmtpMailer>();
        }

        return services;
    }

    private static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeEventOptions>().Bind(configuration.GetSection(StripeEventOptions.Section));
        services.AddOptions<PledgeOptions>().Bind(configuration.GetSection(PledgeOptions.Section))
            .Configure(o => o.UnclaimedHoldDays = configuration.GetValue("Escrow:UnclaimedHoldDays", o.UnclaimedHoldDays));
        // Without a secret key the host registers the settings of whatever stands in for Stripe (the web host: its emulator).
        if (StripeSettings.From(configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new StripeOptions()) is { } stripe)
        {
            if (string.IsNullOrWhiteSpace(configuration["App:BaseUrl"]))
            {
                throw new InvalidOperationException("With a real Stripe key, App:BaseUrl must be set: it is where Stripe sends listeners back and what mail links point at.");
            }

            services.AddSingleton(stripe);
        }

        services.AddSingleton<AppBaseAddress>();
        services.AddSingleton<IAppUrls>(sp => sp.GetRequiredService<AppBaseAddress>());
        services.AddSingleton<StripeWebhooks>();
        services.AddSingleton<IPledgeCancelTokens, PledgeCancelTokens>();
        // Stripe.net's client is built once (building one reads assembly metadata and its JSON contracts are per client),
        // so its HttpClient lives as long: connections are recycled instead of handlers.
        services.AddHttpClient(StripeSettings.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<IStripeClient>(sp =>
        {
            StripeOptionsReflection.Hold(
                typeof(Stripe.Checkout.SessionCreateOptions), typeof(PaymentIntentCreateOptions), typeof(PaymentIntentGetOptions),
                typeof(PaymentIntentListOptions), typeof(RefundCreateOptions), typeof(BalanceTransactionListOptions),
                typeof(AccountCreateOptions), typeof(AccountLinkCreateOptions));
            var settings = sp.GetRequiredService<StripeSettings>();
            var apiBase = settings.ApiBase is not { Length: > 0 } configured ? null
                : Uri.IsWellFormedUriString(configured, UriKind.Absolute) ? configured
                : sp.GetRequiredService<AppBaseAddress>().Resolve(configured).ToString().TrimEnd('/');
            var http = new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripeSettings.HttpClientName), settings.MaxNetworkRetries);
            return new StripeClient(settings.SecretKey, httpClient: http, apiBase: apiBase);
        });
        services.AddScoped<IPaymentGateway, StripePaymentGateway>();
        services.AddScoped<IConnectGateway, StripeConnectGateway>();
        services.AddSingleton<IConnectUrls, ConnectUrls>();
        services.AddTransfers(configuration);
        services.AddReconciliation(configuration);
        services.AddSingleton<ChargeFees>();
        services.AddSingleton<StripeEventProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<StripeEventProcessor>());
        services.AddScoped<IStripeEventInbox, StripeEventInbox>();
        services.AddSingleton<StripeEventIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<StripeEventIntake>());
        services.AddSingleton<IStripeWebhookReceiver, StripeWebhookReceiver>();
        return services;
    }

    private static string ConnectionString(IConfiguration configuration, DatabaseOptions database, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        return database.Provider switch
        {
            DatabaseProvider.Sqlite => AppDbContextOptions.ResolveSqlite(configured ?? DatabaseOptions.DefaultSqliteConnectionString, environment.ContentRootPath, database.LockTimeout),
            _ when string.IsNullOrWhiteSpace(configured) =>
                throw new InvalidOperationException($"Database:Provider is {database.Provider}, so ConnectionStrings:{DatabaseOptions.ConnectionStringName} must be set."),
            DatabaseProvider.PostgreSql => AppDbContextOptions.TunePostgreSql(configured, database.LockTimeout),
            _ => configured,
        };
    }
}
