package dev.berth.core.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The C library calls berth makes from Java. Only calls that are safe in a multithreaded process belong
 * here (see ARCHITECTURE.md: namespace entry, credentials and the like are the native helper's job).
 * Loaded on first use, so that commands which never touch the host do not pay for JNA.
 */
public interface Libc extends Library {

    Libc INSTANCE = Native.load("c", Libc.class);

    int mount(String source, String target, String fstype, long flags, String data) throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    int statfs(String path, Pointer buffer) throws LastErrorException;

    int mknod(String path, int mode, long device) throws LastErrorException;

    int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    int unshare(int flags) throws LastErrorException;

    int chdir(String path) throws LastErrorException;

    Pointer opendir(String path) throws LastErrorException;

    Pointer readdir64(Pointer directory);

    int closedir(Pointer directory);
}
