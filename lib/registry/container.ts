// tsyringe reads decorator metadata through the Reflect polyfill, which must load first.
import 'reflect-metadata';
export { container, singleton, injectable, inject } from 'tsyringe';
