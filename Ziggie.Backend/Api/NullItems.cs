using System.ComponentModel.DataAnnotations;

namespace Ziggie.Backend.Api;

/// <summary>
/// A JSON <c>null</c> inside a list of objects (<c>"messages":[null]</c>): the validator checks each object's
/// fields but passes over a null, which then reaches code that assumes every item was checked. A request record
/// with such a list reports each null from its <see cref="IValidatableObject.Validate"/> with this.
/// </summary>
public static class NullItems
{
    /// <param name="member">The property's C# name; errors are keyed <c>Member[i]</c>, shown as <c>member[i]</c>.</param>
    public static IEnumerable<ValidationResult> In<T>(IReadOnlyList<T?>? items, string member, string expected) where T : class
    {
        if (items is null) yield break;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                var field = $"{member}[{i}]";
                yield return new ValidationResult($"{System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(member)}[{i}] must be {expected}, not null.", [field]);
            }
        }
    }
}
