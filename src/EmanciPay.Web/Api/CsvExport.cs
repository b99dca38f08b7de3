using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace EmanciPay.Web.Api;

/// <summary>
/// RFC 4180 CSV written straight to the response as the rows are read (comma, CRLF, quotes doubled, UTF-8 without a
/// byte-order mark), so an export of millions of rows holds a handful in memory. Times are ISO 8601 in UTC.
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { NewLine = "\r\n" };

    public static IResult Of<T>(string fileName, IAsyncEnumerable<T> rows) =>
        TypedResults.Stream(stream => WriteAsync(stream, rows), $"{ContentType}; charset=utf-8", fileName);

    public static async Task WriteAsync<T>(Stream stream, IAsyncEnumerable<T> rows)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        await using var csv = new CsvWriter(writer, Configuration);
        csv.Context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>().Formats = ["yyyy-MM-ddTHH:mm:ss.fffffffZ"];
        csv.WriteHeader<T>();
        await csv.NextRecordAsync();
        await foreach (var row in rows)
        {
            csv.WriteRecord(row);
            await csv.NextRecordAsync();
        }
    }

    public static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
