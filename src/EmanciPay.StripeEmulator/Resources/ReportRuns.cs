using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace EmanciPay.StripeEmulator;

/// <summary>
/// The Reporting API for the itemized balance change report (<c>balance_change_from_activity.itemized.3</c>):
/// <c>POST /v1/reporting/report_runs</c>, <c>GET /v1/reporting/report_runs/{id}</c> (pending when created, succeeded
/// when next read, as Stripe's finish a while later) and the CSV file at its <c>result.url</c>, amounts in major units.
/// </summary>
public sealed partial class StripeEmulator
{
    public const string ItemizedBalanceChangeReport = "balance_change_from_activity.itemized.3";

    internal static readonly Parameters CreateReportRunParameters = Parameters.Operation(
        ("report_type", Parameters.Value),
        ("parameters", Parameters.Hash(
            ("interval_start", Parameters.Value),
            ("interval_end", Parameters.Value),
            ("columns", Parameters.List(Parameters.Value)),
            ("currency", Parameters.Value),
            ("reporting_category", Parameters.Value),
            ("timezone", Parameters.Value))));

    internal static readonly Parameters RetrieveReportRunParameters = Parameters.Operation();

    private static readonly string[] DefaultReportColumns =
        ["balance_transaction_id", "created_utc", "created", "available_on_utc", "available_on", "currency", "gross", "fee", "net", "reporting_category", "source_id", "description"];

    private readonly Dictionary<string, string> fileContents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> filePaths = new(StringComparer.Ordinal);
    private string? reportFile;

    /// <summary>
    /// For the reconciliation benchmark, in process only (no route reaches it): report runs from now on serve this CSV
    /// file, written beforehand with the requested columns, streamed from disk, whatever their interval. A report built
    /// in memory from the emulator's own balance transactions would not do for a million rows.
    /// </summary>
    public void ServeReportsFrom(string path)
    {
        lock (gate)
        {
            reportFile = Path.GetFullPath(path);
        }
    }

    public JsonObject CreateReportRun(JsonObject p, string baseUrl)
    {
        if (Parameters.Text(p, "report_type") is not { } reportType)
        {
            throw StripeApiException.Missing("report_type");
        }

        if (reportType != ItemizedBalanceChangeReport)
        {
            throw StripeApiException.Invalid("report_type", $"The emulator runs only {ItemizedBalanceChangeReport}, not '{reportType}'.");
        }

        var parameters = p["parameters"] as JsonObject ?? [];
        var start = Parameters.Integer(parameters, "interval_start", "parameters[interval_start]") ?? throw StripeApiException.Missing("parameters[interval_start]");
        var end = Parameters.Integer(parameters, "interval_end", "parameters[interval_end]") ?? throw StripeApiException.Missing("parameters[interval_end]");
        var columns = parameters["columns"] is JsonArray requested && requested.Count > 0 ? requested.Select(c => (string)c!).ToArray() : DefaultReportColumns;
        lock (gate)
        {
            var run = Store("frr", "reporting.report_run");
            var file = Store("file", "file");
            long size;
            if (reportFile is not null)
            {
                filePaths[(string)file["id"]!] = reportFile;
                size = new FileInfo(reportFile).Length;
            }
            else
            {
                var csv = ReportCsv(start, end, columns);
                fileContents[(string)file["id"]!] = csv;
                size = Encoding.UTF8.GetByteCount(csv);
            }

            file["expires_at"] = (long)file["created"]! + (long)TimeSpan.FromDays(365).TotalSeconds;
            file["filename"] = $"{file["id"]}.csv";
            file["links"] = null;
            file["purpose"] = "finance_report_run";
            file["size"] = size;
            file["title"] = $"{ItemizedBalanceChangeReport} {start}-{end}";
            file["type"] = "csv";
            file["url"] = $"{baseUrl}/v1/files/{file["id"]}/contents";
            run["error"] = null;
            run["parameters"] = new JsonObject { ["columns"] = new JsonArray(columns.Select(c => (JsonNode)c).ToArray()), ["interval_start"] = start, ["interval_end"] = end };
            run["report_type"] = reportType;
            run["result"] = null;
            run["status"] = "pending";
            run["succeeded_at"] = null;
            run["_file"] = file["id"]!.DeepClone();
            return Public(run);
        }
    }

    public JsonObject RetrieveReportRun(string id)
    {
        lock (gate)
        {
            var run = Get(id, "reporting.report_run");
            if ((string?)run["status"] == "pending")
            {
                run["status"] = "succeeded";
                run["succeeded_at"] = Now();
                run["result"] = Public(Get((string)run["_file"]!, "file"));
            }

            return Public(run);
        }
    }

    /// <summary>A report file's CSV, or null when there is no such file.</summary>
    public string? FileContents(string fileId)
    {
        lock (gate)
        {
            return fileContents.GetValueOrDefault(fileId);
        }
    }

    /// <summary>The path of a report file served from disk (<see cref="ServeReportsFrom"/>), or null.</summary>
    public string? FilePath(string fileId)
    {
        lock (gate)
        {
            return filePaths.GetValueOrDefault(fileId);
        }
    }

    private string ReportCsv(long start, long end, string[] columns)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns).Append("\r\n");
        var transactions = createdInOrder.GetValueOrDefault("balance_transaction") ?? [];
        foreach (var transaction in transactions.Where(t => (long)t["created"]! >= start && (long)t["created"]! < end))
        {
            csv.AppendJoin(',', columns.Select(column => Quote(ReportField(transaction, column)))).Append("\r\n");
        }

        return csv.ToString();
    }

    private string ReportField(JsonObject transaction, string column)
    {
        var currency = (string)transaction["currency"]!;
        var source = objects.GetValueOrDefault((string)transaction["source"]!);
        return column switch
        {
            "balance_transaction_id" => (string)transaction["id"]!,
            "created_utc" or "created" or "available_on_utc" or "available_on" => DateTimeOffset.FromUnixTimeSeconds((long)transaction["created"]!).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            "currency" => currency,
            "gross" => Major((long)transaction["amount"]!),
            "fee" => Major((long)transaction["fee"]!),
            "net" => Major((long)transaction["net"]!),
            "reporting_category" => (string)transaction["reporting_category"]!,
            "source_id" => (string)transaction["source"]!,
            "payment_intent_id" => (string?)source?["payment_intent"] ?? "",
            "description" => (string?)transaction["description"] ?? "",
            _ => "",
        };
    }

    private static string Major(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
