import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Atomic file replacement: the bytes go to a temporary file in the same folder, are flushed to
/// disk, and the file is renamed over the target (then the folder is flushed). Readers see the old
/// file or the new one, never a part; a failed write (full disk, file size limit, no permission)
/// leaves the old file intact and throws a `DataError` naming the path and the reason.
public enum AtomicFile {
    /// Writes `data` to `path` atomically.
    /// - Throws: `DataError` naming the path and the system's reason.
    public static func write(_ data: Data, to path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var template = Array("\(path).XXXXXX.tmp".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { throw failure(path, "cannot create a temporary file in \(folder)") }
        fchmod(fd, 0o666 & ~processUmask)  // mkstemps makes 0600; give the file the usual permissions
        let temporary = String(cString: template)
        var ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let reason = ok ? "" : String(cString: strerror(errno))
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let why = reason.isEmpty ? String(cString: strerror(errno)) : reason
            unlink(temporary)
            throw DataError(file: path, "cannot write (\(why)); the previous file, if any, is unchanged")
        }
        let dir = open(folder, O_RDONLY | O_DIRECTORY)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    /// The process's umask (read once: reading it means setting it).
    static let processUmask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    /// Writes pretty, sorted-key JSON atomically.
    public static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try write(try encoder.encode(value), to: path)
    }

    static func failure(_ path: String, _ what: String) -> DataError {
        DataError(file: path, "\(what) (\(String(cString: strerror(errno))))")
    }

    /// Creates `folder` and its parents.
    /// - Throws: `DataError` naming the folder and the system's reason.
    public static func createFolder(_ folder: String, purpose: String = "folder") throws {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw DataError(file: folder, "cannot create the \(purpose) (\(reason(error)))")
        }
    }

    /// The system's reason inside a Foundation error ("No such file or directory"), without the
    /// NSError wrapping.
    public static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
            case .fileWriteNoPermission, .fileReadNoPermission: return "Permission denied"
            case .fileWriteOutOfSpace: return "No space left on device"
            case .fileWriteVolumeReadOnly: return "Read-only file system"
            case .fileWriteFileExists: return "File exists"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
