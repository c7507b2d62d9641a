namespace Ziggie.AppHost.Deployment;

/// <summary>
/// A value of the model the compose export cannot resolve. The service and the variable that hold it are added by
/// the caller, so the export stops with a message naming both instead of writing a service without the value.
/// </summary>
internal sealed class ComposeValueException(string reason) : Exception(reason);
