/// Placeholder: this module is filled by later issues (see docs/architecture.md).
public enum SymLabTestKitModule {}
