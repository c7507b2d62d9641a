using System.Globalization;
using System.Text.RegularExpressions;
using MongoDB.Driver;

namespace Ziggie.Backend.Data;

/// <summary>
/// A driver failure in one line for people ("did not answer within 5 s (Connection refused)"): the driver's own
/// messages carry the whole cluster description, with each server's heartbeat exception, its type names and
/// stack frames, which belong in no health answer and no warning.
/// </summary>
public static partial class MongoFailure
{
    public static string OneLine(Exception exception)
    {
        var cause = Cause(exception);
        var suffix = cause is null ? "" : $" ({cause})";
        if (exception is TimeoutException && SelectionTimeout().Match(exception.Message) is { Success: true } timeout)
        {
            var seconds = int.Parse(timeout.Groups[1].Value, CultureInfo.InvariantCulture) / 1000.0;
            return string.Create(CultureInfo.InvariantCulture, $"did not answer within {seconds:0.#} s{suffix}");
        }

        return exception switch
        {
            TimeoutException => $"did not answer in time{suffix}",
            MongoConnectionException => $"could not be reached{suffix}",
            _ => FirstSentence(exception.Message) + suffix,
        };
    }

    /// <summary>The innermost cause ("Connection refused"), without its exception type: an inner exception, or the last "--->" in the text.</summary>
    private static string? Cause(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is { } next) inner = next;
        if (!ReferenceEquals(inner, exception)) return FirstSentence(inner.Message);

        var nested = Nested().Matches(exception.Message);
        return nested.Count == 0 ? null : FirstSentence(nested[^1].Groups[1].Value);
    }

    private static string FirstSentence(string text)
    {
        var line = text.Split(['\r', '\n'], 2)[0];
        var description = line.IndexOf(" Client view of cluster state", StringComparison.Ordinal);
        if (description >= 0) line = line[..description];
        return line.Trim().TrimEnd('"');
    }

    [GeneratedRegex(@"A timeout occurred after (\d+)ms")]
    private static partial Regex SelectionTimeout();

    // "---> System.Net.Sockets.SocketException (111): Connection refused": the text after the type and code.
    [GeneratedRegex(@"--->\s*[\w.]+(?:\s*\(\d+\))?:\s*([^\r\n""]+)")]
    private static partial Regex Nested();
}
