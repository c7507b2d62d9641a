using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Ziggie.Backend.Llm;

/// <summary>
/// An Ollama model name such as <c>llama3.2</c> or <c>qwen2.5:0.5b</c>: letters, digits and <c>. _ - :</c>,
/// at most 200 characters, no <c>..</c>. Names are forwarded to Ollama and later shown in the UI,
/// so anything path-like or invisible is refused here.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed partial class ModelNameAttribute() : ValidationAttribute(
    "{0} must be an Ollama model name such as llama3.2 or qwen2.5:0.5b (letters, digits, '.', '_', '-', ':'; at most 200 characters).")
{
    public override bool IsValid(object? value) =>
        value is null || value is string name && Allowed().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")]
    private static partial Regex Allowed();
}
